app_name = "supporters"

urlpatterns = []
