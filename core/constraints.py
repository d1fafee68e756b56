"""A model's check constraints asked of the database in one query, not one query each.

Django's Model.validate_constraints() asks about each CheckConstraint with a query of its own,
inside a savepoint of its own when in a transaction: three queries per constraint, twelve for the
four of an actor. An import validates every row in a transaction, so it asks once per row here.
"""

from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, Q
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


def validate_constraints(instance, *, exclude=()):
    """Model.validate_constraints(exclude), asking about every check constraint at once."""
    using = router.db_for_write(type(instance), instance=instance)
    checks, errors = [], {}
    for model, constraints in instance.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, CheckConstraint):
                checks.append((model, constraint))
                continue
            try:
                constraint.validate(model, instance, exclude=exclude, using=using)
            except ValidationError as error:
                if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    for constraint in broken_checks(instance, checks, exclude=exclude, using=using):
        errors = ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        ).update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def broken_checks(instance, checks, *, exclude, using):
    """The constraints of `checks` (model, constraint) that `instance` breaks.

    As Q.check() does for one, with one selected column per constraint: the instance's values
    stand in for its fields, a condition that reads an excluded field is not asked, a condition
    that is unknown (NULL) passes, and so does every one if the database fails to answer.
    """
    connection = connections[using]
    broken = []
    if connection.features.supports_comparing_boolean_expr:
        # A parent model's constraints read the parent's fields: Django asks those one by one.
        own = [constraint for model, constraint in checks if model is type(instance)]
        checks = [
            (model, constraint) for model, constraint in checks if model is not type(instance)
        ]
        broken = broken_own_checks(instance, own, exclude=exclude, using=using)
    for model, constraint in checks:
        try:
            constraint.validate(model, instance, exclude=exclude, using=using)
        except ValidationError:
            broken.append(constraint)
    return broken


def broken_own_checks(instance, constraints, *, exclude, using):
    """Those of the constraints of the instance's own model that it breaks, in one query."""
    query = Query(None)
    # Django's own map of field names to the instance's values (what CheckConstraint uses),
    # cut down to the fields the conditions read: each value costs the query's building time.
    against = instance._get_field_expression_map(meta=type(instance)._meta, exclude=exclude)
    read = set().union(
        *(Q(constraint.condition).referenced_base_fields for constraint in constraints)
    )
    for name, value in against.items():
        if name in read:
            query.add_annotation(value, name, select=False)
    asked = []
    for constraint in constraints:
        alias = f"check_{len(asked)}"
        try:
            query.add_annotation(
                Coalesce(Q(constraint.condition), True, output_field=BooleanField()), alias
            )
        except FieldError:
            # The condition reads a field left out (one with an error already): not asked.
            continue
        asked.append(constraint)
    if not asked:
        return []
    in_transaction = connections[using].in_atomic_block
    try:
        # As Q.check(): a failed query must not break the transaction around it.
        with transaction.atomic(using=using) if in_transaction else nullcontext():
            answers = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return []
    return [constraint for constraint, holds in zip(asked, answers, strict=False) if not holds]
