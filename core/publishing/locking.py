"""What to tell an editor whose save came after someone else's (optimistic locking).

Each entry carries a `version` that every save increments. The admin form posts back the version
the editor started from; if the entry has moved on since, the save is refused, and the revisions
in the history say who saved it meanwhile and what they changed.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.models import Entry
from core.publishing.history import readable_changes


def concurrent_edit_messages(model: type[Entry], pk: object, seen_version: int | None) -> list[str]:
    """The lines of the message that refuses a save started from `seen_version`."""
    revisions = model.history.filter(id=pk).select_related("history_user")
    seen = revisions.filter(version=seen_version).order_by("-history_date").first()
    latest = revisions.order_by("-history_date").first()
    if seen is None or latest is None or latest.pk == seen.pk:
        return [
            _(
                "Cette fiche a été enregistrée par quelqu'un d'autre pendant que vous la "
                "modifiiez : vos modifications n'ont pas été enregistrées, pour ne pas effacer "
                "les siennes."
            ),
            _("Rechargez la page pour repartir de la version actuelle, puis refaites-les."),
        ]
    since = revisions.filter(history_date__gt=seen.history_date)
    authors = sorted(
        {str(revision.history_user or _("un traitement automatique")) for revision in since}
    )
    moment = formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
    changes = readable_changes(model, latest, seen)
    lines = [
        _(
            "Cette fiche a été enregistrée par %(authors)s le %(moment)s, pendant que vous la "
            "modifiiez : vos modifications n'ont pas été enregistrées, pour ne pas effacer les "
            "siennes."
        )
        % {"authors": ", ".join(authors), "moment": moment},
    ]
    if changes:
        lines.append(_("Ce qui a changé depuis que vous avez ouvert la fiche :"))
        lines += [_("%(field)s : « %(old)s » → « %(new)s »") % change for change in changes]
    lines.append(
        _("Rechargez la page pour repartir de cette version, puis refaites vos modifications.")
    )
    return lines
