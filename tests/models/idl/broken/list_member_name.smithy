$version: "2"
namespace example.broken

list Names {
    item: String
}
