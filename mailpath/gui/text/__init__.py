"""Words on screen: the translation catalogue, rendering of core template keys, the glossary
and its dialog."""
