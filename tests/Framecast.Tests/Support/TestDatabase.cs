namespace Framecast.Tests.Support;

/// <summary>A data folder plus a database (a SQLite file in it, or a fresh PostgreSQL database) that hosts can share.</summary>
public sealed record TestDatabase(string Provider, string DataDirectory, IReadOnlyDictionary<string, string?> Settings)
{
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var data = Path.Combine(Path.GetTempPath(), "framecast-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string?> { ["Framecast:DataDirectory"] = data };
        if (provider == "postgres")
        {
            var server = await PostgresServer.GetAsync();
            settings["Database:Provider"] = "postgres";
            settings["Database:ConnectionString"] = await server.CreateDatabaseAsync();
        }
        else
        {
            settings["Database:Provider"] = "sqlite";
        }
        return new TestDatabase(provider, data, settings);
    }
}
