from django_tasks import task


@task()
def rebake_mirror():
    from .services.rebake import rebake

    report = rebake()
    if report is None:
        return "off"
    return f"{report.files} files, {len(report.written)} written, {len(report.deleted)} deleted"
