$version: "2"
namespace example.broken

structure Widget {
    name: String
    size: Size
}
