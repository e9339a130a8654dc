$version: "2"
namespace example.broken

@range(min: 01)
integer Count
