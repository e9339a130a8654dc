$version: "2"
namespace example.broken

string Name

@sensitive
apply Name @documentation("x")
