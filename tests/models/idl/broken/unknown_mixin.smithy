$version: "2"
namespace example.broken

structure Widget with [Base] {}
