namespace Framecast.Tests.Support;

public static class Providers
{
    /// <summary>Every database-touching test runs on both providers.</summary>
    public static TheoryData<string> All => new() { "sqlite", "postgres" };
}
