$version: "2"
namespace example.broken

@mixin
string Base

structure Widget with [Base] {}
