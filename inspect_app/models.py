"""Imports every model module so the metadata (and Alembic) sees the whole schema."""
from .audit.models import AuditEvent  # noqa: F401
from .checklists.models import Checklist, ChecklistVersion  # noqa: F401
from .documents.models import OfficeDocument, OfficeSettings, RegisteredDocument  # noqa: F401
from .followup.models import Round  # noqa: F401
from .inspections.models import (  # noqa: F401
    AnswerConflict,
    Attendance,
    Finding,
    Inspection,
    InspectionChecklist,
    InspectionMember,
    Response,
    ResponseRevision,
    Supplement,
)
from .inspections.sync_models import SyncOp  # noqa: F401
from .leases import Lease  # noqa: F401
from .minutes.models import IssueJob, Minutes, Signature  # noqa: F401
from .org.models import LoginAttempt, OrgUnit, StaffMember, Team, TeamMember, User  # noqa: F401
from .photos.models import Photo  # noqa: F401
from .remediation.models import (  # noqa: F401
    OutboxMail,
    RemediationEvent,
    RemediationItem,
    RemediationNotice,
    RemediationReport,
    RemediationReportLine,
)
