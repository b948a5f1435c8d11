namespace Framecast.Tests.Support;

/// <summary>
/// One long-lived host per provider for tests that only need ordinary settings; each test makes its own users and
/// videos, so they never see each other's data in what they assert.
/// </summary>
public static class SharedHosts
{
    private static readonly Dictionary<string, Lazy<Task<TestHost>>> Hosts = new()
    {
        ["sqlite"] = new(() => TestHost.StartAsync("sqlite")),
        ["postgres"] = new(() => TestHost.StartAsync("postgres")),
    };

    public static Task<TestHost> GetAsync(string provider) => Hosts[provider].Value;
}
