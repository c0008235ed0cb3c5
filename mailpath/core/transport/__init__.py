"""Is the path encrypted? Transport facts for the recipient (issue 18)."""
