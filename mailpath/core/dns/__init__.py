"""Asking DNS: the one source interface (live over UDP/TCP, DoH or DoT; caching, recording,
replay), resolver settings, the zone's own name servers, resolver comparison, saved analyses."""
