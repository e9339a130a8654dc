$version: "2"
namespace example.broken

@tags(["a"])
@externalDocumentation(Home: "https://a.example", Home: "https://b.example")
string Name
