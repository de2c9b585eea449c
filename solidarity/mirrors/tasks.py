from django_tasks import task

from .services.rebake import rebake


@task()
def rebake_mirror():
    report = rebake()
    if report is None:
        return "off"
    return f"{report.files} files, {len(report.written)} written, {len(report.deleted)} deleted"
