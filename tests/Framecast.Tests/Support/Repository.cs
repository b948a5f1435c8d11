namespace Framecast.Tests.Support;

/// <summary>The checkout the tests were built from (deploy files, sources for structure tests).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Framecast.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Framecast.sln not found above the test binaries.");
    }
}
