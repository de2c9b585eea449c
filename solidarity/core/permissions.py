"""Who may read what in the staff admin, and one way to say no.

Every refusal in the admin is the same answer: a 403 with Wagtail's own words ("Sorry, you do
not have permission to access this area."). Wagtail itself refuses by redirecting to the
dashboard, which tells a script (or a test) nothing and looks like success; `install()` makes
Wagtail's refusals answer the same 403 as ours. Anonymous visitors, and people without access
to the admin at all, are still sent to sign in.

What Wagtail leaves open is closed here once, for every app:
- snippet choosers (choose, results, chosen, chosen-multiple) answer only staff who may read
  the model: `StaffSnippetViewSet` is the base of every app's snippet viewsets;
- a document in a private collection (one with a view restriction) is chosen, in the
  chooser or through the API, only by those who may change it (`PrivateCollectionPermissionPolicy`);
- the admin API (/admin/api/main/...) answers pages only to staff with a page permission, and
  images and documents only from the collections the person may work in; wagtail-localize's
  snippet API only to staff who may read the model.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet

# The actions that let someone see a model's records in the admin (Wagtail's listing asks
# for the same).
READ_ACTIONS = ("add", "change", "delete", "view")
# Collection actions: "choose" lets someone pick an image or document without editing it.
COLLECTION_ACTIONS = ("add", "change", "delete", "choose")


def refuse(request):
    """The one refusal of the staff admin."""
    return TemplateResponse(request, "core/admin/forbidden.html", {}, status=403)


def require_perm(*permissions):
    """A view decorator: the person needs every one of `permissions` ("app.codename"), or is
    refused with a 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perms(permissions):
                return refuse(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def check_perm(user, *permissions):
    """Inside a view, for a check that depends on what is asked (a POST, one kind of record):
    raises PermissionDenied, which the admin answers with the same 403."""
    if not user.has_perms(permissions):
        raise PermissionDenied


def may_read(user, model):
    return policy_registry.get_by_type(model).user_has_any_permission(user, READ_ACTIONS)


class ReadPermissionRequiredMixin:
    """A chooser view answers only people who may read the model: a chooser shows every
    record's title (a private case's name, a message's subject)."""

    def dispatch(self, request, *args, **kwargs):
        if not may_read(request.user, self.model_class):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooseView(ReadPermissionRequiredMixin, snippet_chooser.ChooseView):
    pass


class ChooseResultsView(ReadPermissionRequiredMixin, snippet_chooser.ChooseResultsView):
    pass


class ChosenView(ReadPermissionRequiredMixin, snippet_chooser.SnippetChosenView):
    pass


class ChosenMultipleView(ReadPermissionRequiredMixin, snippet_chooser.SnippetChosenMultipleView):
    pass


class CreateView(ReadPermissionRequiredMixin, snippet_chooser.SnippetCreateView):
    pass


class StaffSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView


class StaffSnippetViewSet(SnippetViewSet):
    """The base of every snippet viewset in the project (see the module docstring).
    `chooser_form_fields` gives the record's chooser a "create" tab with those fields, for
    people who may add one (core/admin_forms.py)."""

    chooser_viewset_class = StaffSnippetChooserViewSet
    chooser_form_fields = None

    @property
    def chooser_viewset(self):
        from .admin_forms import creation_form

        form = creation_form(self.model, self.chooser_form_fields) if self.chooser_form_fields else None
        return self.chooser_viewset_class(
            self.get_chooser_admin_url_namespace(), model=self.model, url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon, per_page=self.chooser_per_page, creation_form_class=form,
        )


class CollectionPermissionRequiredMixin:
    """Wagtail's image and document choosers show an empty list to someone with no permission
    in any collection; they are refused like everywhere else."""

    def dispatch(self, request, *args, **kwargs):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        model = get_image_model() if self.collection_model == "image" else get_document_model()
        if not policy_registry.get_by_type(model).user_has_any_permission(request.user, COLLECTION_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def guard_collection_choosers():
    from wagtail.documents.views.chooser import viewset as document_chooser
    from wagtail.images.views.chooser import viewset as image_chooser

    for kind, viewset in (("document", document_chooser), ("image", image_chooser)):
        for attribute in ("choose_view_class", "choose_results_view_class", "chosen_view_class",
                          "chosen_multiple_view_class"):
            view_class = getattr(viewset, attribute)
            setattr(viewset, attribute, type(view_class.__name__, (CollectionPermissionRequiredMixin, view_class),
                                             {"collection_model": kind}))


# Documents in private collections ---------------------------------------------------------

def private_collection_ids():
    """Collections with a view restriction, and everything under them."""
    from django.db.models import Q
    from wagtail.models import Collection

    restricted = Collection.objects.filter(view_restrictions__isnull=False).values_list("path", flat=True)
    if not restricted:
        return set()
    query = Q()
    for path in restricted:
        query |= Q(path__startswith=path)
    return set(Collection.objects.filter(query).values_list("pk", flat=True))


class PrivateCollectionPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for documents, with one rule more: a document in a private collection
    (one whose documents are served only to some people) can be chosen only by those who may
    change it. A translator may choose any public document for a page, not read the titles of
    private ones."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if "choose" in actions and instance.collection_id in private_collection_ids():
            actions = (actions - {"choose"}) | {"change"}
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        private = private_collection_ids()
        if "choose" in actions and private and not (user.is_active and user.is_superuser):
            changeable = super().instances_user_has_any_permission_for(user, ["change"])
            instances = instances.exclude(Q(collection__in=private) & ~Q(pk__in=changeable.values("pk")))
        return instances


def register_document_policy():
    from wagtail.documents import get_document_model, get_document_model_string
    from wagtail.permissions import register_permission_policy

    # For the exact class: Wagtail's own registration (for the class and its subclasses) may
    # come later, when wagtail.documents is ready, and is then never consulted for it.
    register_permission_policy(get_document_model(), PrivateCollectionPermissionPolicy(
        get_document_model_string(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user",
    ), exact_class=True)


# The admin API ----------------------------------------------------------------------------

class CollectionItemsAPIMixin:
    """For the admin API's images and documents endpoints: only what the person may work with
    in the admin (see the policies); another one they ask for by number is refused."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not policy_registry.get_by_type(self.model).user_has_any_permission(request.user, COLLECTION_ACTIONS):
            raise PermissionDenied

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(self.request.user, COLLECTION_ACTIONS).order_by("id")

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            if self.model.objects.filter(pk=self.kwargs.get("pk")).exists():
                raise PermissionDenied from None
            raise


class PagePermissionAPIMixin:
    """For the admin API's pages endpoint: drafts and titles only for people who work on pages."""

    def initial(self, request, *args, **kwargs):
        from wagtail.admin.auth import user_has_any_page_permission

        super().initial(request, *args, **kwargs)
        if not user_has_any_page_permission(request.user):
            raise PermissionDenied


def localize_snippets_api_urls():
    """wagtail-localize's snippet API (a snippet's title and edit link, for the translation
    editor) answers any record of any snippet to anyone in the admin; these addresses take its
    place, and answer only people who may read the model."""
    from django.urls import path
    from wagtail_localize.views.snippets_api import SnippetViewSet

    class ReadPermissionSnippetViewSet(SnippetViewSet):
        def initial(self, request, *args, **kwargs):
            super().initial(request, *args, **kwargs)
            if not may_read(request.user, self.get_model()):
                raise PermissionDenied

    return [
        path("localize/api/snippets/<slug:app_label>/<slug:model_name>/",
             ReadPermissionSnippetViewSet.as_view({"get": "list"}), name="core_localize_snippets_api_listing"),
        path("localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
             ReadPermissionSnippetViewSet.as_view({"get": "retrieve"}), name="core_localize_snippets_api_detail"),
    ]


def _bulk_action(request, app_label, model_name, action):
    from django.apps import apps
    from wagtail.admin.views.bulk_action import index

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not may_read(request.user, model):
        raise PermissionDenied
    return index(request, app_label, model_name, action)


def bulk_action(request, *args, **kwargs):
    """Wagtail's bulk actions (delete, publish... on a list of records) name every record they
    are asked about, whoever asks; this view answers at their address (solidarity/urls.py) and
    first asks whether the person may read the model. Wrapped as Wagtail wraps its own admin
    views."""
    from django.views.decorators.cache import never_cache
    from wagtail.admin.auth import require_admin_access

    return never_cache(require_admin_access(_bulk_action))(request, *args, **kwargs)


def construct_admin_api(router):
    from wagtail.admin.api.views import PagesAdminAPIViewSet
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    router.register_endpoint("pages", type("PagesAdminAPIViewSet", (PagePermissionAPIMixin, PagesAdminAPIViewSet), {}))
    router.register_endpoint(
        "documents", type("DocumentsAdminAPIViewSet", (CollectionItemsAPIMixin, DocumentsAdminAPIViewSet), {}))
    router.register_endpoint(
        "images", type("ImagesAdminAPIViewSet", (CollectionItemsAPIMixin, ImagesAdminAPIViewSet), {}))


def _permission_denied(request):
    from wagtail.admin.localization import get_localized_response

    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    # Wagtail calls this outside the staff member's language: render the page inside it.
    return get_localized_response(refuse, request)


def install():
    """Wagtail's own refusals (its permission-checked views and every PermissionDenied raised
    in the admin) answer with `refuse` instead of a redirect to the dashboard; its image and
    document choosers refuse people with no permission in any collection; documents follow
    `PrivateCollectionPermissionPolicy`. Called from core's wagtail_hooks, which Wagtail loads
    before it builds the admin's addresses."""
    from wagtail.admin import auth

    auth.permission_denied = _permission_denied
    guard_collection_choosers()
    register_document_policy()

