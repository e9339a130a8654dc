$version: "2"
namespace example.broken

@documentation("""Not on its own line""")
string Name
