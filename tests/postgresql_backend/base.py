"""PostgreSQL for the test suite: Django's own backend, but a test on committed data ends by
deleting the rows instead of truncating the tables. TRUNCATE of the schema's 130 tables costs
about 0.8 s (a new file for each table and index), DELETE of the few rows a test leaves 0.03 s,
and about 250 tests end that way on each run. Every foreign key is deferred, as Django makes
them, so the order of the deletes does not matter within the flush's transaction."""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
