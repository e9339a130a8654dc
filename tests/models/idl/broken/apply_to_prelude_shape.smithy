$version: "2"
namespace example.broken

apply String @sensitive
