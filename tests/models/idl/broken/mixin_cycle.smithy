$version: "2"
namespace example.broken

@mixin
structure A with [B] {}

@mixin
structure B with [A] {}

structure Widget with [A] {}
