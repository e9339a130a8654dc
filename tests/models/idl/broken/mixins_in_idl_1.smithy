$version: "1.0"
namespace example.broken

structure Widget with [Base] {}
