$version: "2"
namespace example.broken

operation GetWidget {
    input: GetWidgetInput
    result: GetWidgetOutput
}
