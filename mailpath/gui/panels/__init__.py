"""The docks: details, SPF trace and findings; the message; authoritative servers, re-check and
resolver comparison."""
