$version: "2"
namespace example.broken

structure Base {}

structure Widget with [Base] {}
