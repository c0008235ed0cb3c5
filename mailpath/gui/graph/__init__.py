"""The route graph on screen: the view, the scene renderer, markers, selection and what-if,
and PNG/SVG export."""
