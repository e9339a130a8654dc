$version: "2.0"

namespace example.widgets.types

/// A widget.
structure Widget {
    @required
    id: String

    /// What kind of widget.
    kind: WidgetKind = "SMALL"

    @length(min: 1, max: 64)
    name: String

    @sensitive
    secret: String
}

enum WidgetKind {
    SMALL
    LARGE = "large"
}
