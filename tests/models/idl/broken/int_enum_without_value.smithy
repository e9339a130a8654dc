$version: "2"
namespace example.broken

intEnum Level {
    LOW = 1
    HIGH
}
