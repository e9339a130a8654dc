$version: "2"
namespace example.broken

string Thing

structure Widget for Thing {
    $id
}
