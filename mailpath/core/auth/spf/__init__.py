"""SPF (RFC 7208): parser, macro expander, async check_host() with a trace tree, audit."""

from .audit import audit
from .check import check_host, check_spf, identity_to_sender
from .parser import (
    MacroContext,
    Mechanism,
    Modifier,
    ParsedRecord,
    SpfSyntaxError,
    check_domain_spec,
    expand_domain_spec,
    expand_macros,
    is_spf_record,
    parse_record,
)
from .terms import MAX_PREFETCH, MAX_PTR_NAMES
from .trace import (
    MAX_LOOKUPS,
    MAX_VOID_LOOKUPS,
    SpfAudit,
    SpfOutcome,
    SpfResult,
    SpfTrace,
    TermTrace,
    audit_to_json,
    outcome_to_json,
    render_audit_text,
    render_text,
    trace_to_json,
)

__all__ = [
    "MAX_LOOKUPS",
    "MAX_PREFETCH",
    "MAX_PTR_NAMES",
    "MAX_VOID_LOOKUPS",
    "MacroContext",
    "Mechanism",
    "Modifier",
    "ParsedRecord",
    "SpfAudit",
    "SpfOutcome",
    "SpfResult",
    "SpfSyntaxError",
    "SpfTrace",
    "TermTrace",
    "audit",
    "audit_to_json",
    "check_domain_spec",
    "check_host",
    "check_spf",
    "expand_domain_spec",
    "expand_macros",
    "identity_to_sender",
    "is_spf_record",
    "outcome_to_json",
    "parse_record",
    "render_audit_text",
    "render_text",
    "trace_to_json",
]
