$version: "2"
namespace example.broken

union Choice {
    a: String = "x"
}
