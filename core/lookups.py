"""`field__any=[...]`: `field = ANY(%s)` with the list as one array parameter.

An `__in` lookup writes one placeholder per value: with an OPD of 20,000 employees the statement is
built, quoted, sent and parsed with 20,000 literals, and each of the pay run's queries per OPD paid for
it. One array parameter keeps the statement small and lets PostgreSQL use the index as for IN.
"""

from django.db.models import Field, ForeignObject, Lookup


class Any(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [self.lhs.output_field.get_prep_value(v) for v in self.rhs]

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


Field.register_lookup(Any)
ForeignObject.register_lookup(Any)  # foreign keys keep their own lookup table
