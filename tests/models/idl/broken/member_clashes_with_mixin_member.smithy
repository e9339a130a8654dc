$version: "2"
namespace example.broken

@mixin
structure Base {
    id: String
}

structure Widget with [Base] {
    id: Integer
}
