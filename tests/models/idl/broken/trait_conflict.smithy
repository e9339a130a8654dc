$version: "2"
namespace example.broken

@length(min: 1, max: 10)
string Name

apply Name @length(min: 1, max: 20)
