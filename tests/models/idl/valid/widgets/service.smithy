$version: "2"
$operationInputSuffix: "Request"

namespace example.widgets

use example.widgets.types#Widget
use example.widgets.types#WidgetKind

/// Widgets, made and listed.
@aws.protocols#restJson1
service Widgets {
    version: "2024-06-01"
    operations: [GetWidget, ListWidgets]
    errors: [NotFound]
}

/// Returns one widget.
@readonly
@http(method: "GET", uri: "/widgets/{id}")
operation GetWidget {
    input := for WidgetResource with [Traced] {
        @required
        @httpLabel
        $id
    }
    output := {
        @required
        widget: Widget
    }
    errors: [NotFound]
}

@readonly
@paginated(inputToken: "next", outputToken: "next", items: "widgets", pageSize: "size")
@http(method: "GET", uri: "/widgets")
operation ListWidgets {
    input := with [Traced] {
        @httpQuery("next")
        next: String

        @httpQuery("size")
        @range(min: 1, max: 100)
        size: Integer = 10

        @httpQuery("kind")
        kind: WidgetKind
    }
    output := {
        next: String

        @required
        widgets: WidgetList = []
    }
}

resource WidgetResource {
    identifiers: {id: WidgetId}
}

@pattern("^w-[0-9a-f]{8}$")
string WidgetId

@mixin
structure Traced {
    @httpHeader("X-Trace-Id")
    traceId: String
}

list WidgetList {
    member: Widget
}

apply Traced$traceId @documentation("A trace ID that the service logs.")
