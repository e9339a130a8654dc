$version: "2"
namespace example.broken

@mixin
structure A {
    id: String
}

@mixin
structure B {
    id: Integer
}

structure Widget with [A, B] {}
