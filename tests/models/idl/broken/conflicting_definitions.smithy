$version: "2"
namespace example.broken

structure Widget {
    name: String
}
// file: other.smithy
$version: "2"
namespace example.broken

structure Widget {
    name: Integer
}
