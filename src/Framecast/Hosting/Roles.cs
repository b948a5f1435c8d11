namespace Framecast.Hosting;

[Flags]
public enum Roles
{
    None = 0,
    Api = 1,
    Web = 2,
    Stream = 4,
    Worker = 8,
    Live = 16,
    All = Api | Web | Stream | Worker | Live,
}
