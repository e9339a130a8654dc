$version: "2"
namespace example.broken

service Widgets {
    version: "2024-01-01"
    operation: [GetWidget]
}
