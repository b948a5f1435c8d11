using System.Text.RegularExpressions;
using Framecast.Tests.Support;

namespace Framecast.Tests.Hosting;

/// <summary>
/// Features depend on each other one way only (STYLE.md §11): a feature reacts to another's change through an
/// interface or job the owner of the change declares, never by reaching back. This is the graph; README "Layout" too.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Accounts"] = [],
        ["Operations"] = [],
        ["Videos"] = ["Accounts"],
        ["Comments"] = ["Accounts", "Videos"],
        ["Uploads"] = ["Accounts", "Videos"],
        ["Playback"] = ["Accounts", "Videos"],
        ["Processing"] = ["Accounts", "Uploads", "Videos"],
        ["Live"] = ["Accounts", "Videos"],
        ["Social"] = ["Accounts", "Videos", "Live"],
        ["Notifications"] = ["Accounts", "Videos", "Live", "Comments", "Social"],
        ["Chat"] = ["Accounts", "Videos", "Live", "Social"],
        ["Reports"] = ["Accounts", "Videos", "Comments", "Chat"],
        ["Wallet"] = ["Accounts"],
        ["Gifts"] = ["Accounts", "Videos", "Live", "Chat", "Wallet"],
        ["Search"] = ["Videos", "Live"],
        ["Discovery"] = ["Accounts", "Videos", "Social"],
        ["Admin"] = ["Accounts", "Videos", "Comments", "Live", "Chat", "Notifications", "Reports"],
        ["Web"] = ["Accounts", "Videos", "Comments", "Uploads", "Playback", "Processing", "Live", "Chat", "Discovery", "Search", "Reports"],
    };

    private static string FeaturesRoot => Path.Combine(Repository.Root, "src", "Framecast", "Features");

    [Fact]
    public void Every_feature_has_its_place_in_the_graph()
    {
        Directory.GetDirectories(FeaturesRoot).Select(Path.GetFileName).Should().BeEquivalentTo(Allowed.Keys,
            "a new feature is added to the dependency graph (here and in the README) when it is created");
    }

    [Fact]
    public void Features_reference_only_the_features_below_them()
    {
        var violations = new List<string>();
        foreach (var (feature, allowed) in Allowed)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(FeaturesRoot, feature), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
            {
                var text = File.ReadAllText(file);
                var used = FullyQualified().Matches(text).Select(m => m.Groups["feature"].Value)
                    .Concat(PartlyQualified().Matches(text).Select(m => m.Groups["feature"].Value).Where(Allowed.ContainsKey));
                violations.AddRange(used.Distinct().Where(u => u != feature && !allowed.Contains(u))
                    .Select(u => $"{Path.GetRelativePath(FeaturesRoot, file)} uses {u}"));
            }
        }
        violations.Should().BeEmpty();
    }

    [Fact]
    public void The_graph_has_no_cycle()
    {
        bool Reaches(string from, string to, HashSet<string> seen) =>
            Allowed[from].Any(next => next == to || (seen.Add(next) && Reaches(next, to, seen)));

        Allowed.Keys.Where(f => Reaches(f, f, [])).Should().BeEmpty();
    }

    [GeneratedRegex(@"Framecast\.Features\.(?<feature>[A-Za-z]+)")]
    private static partial Regex FullyQualified();

    // Inside namespace Framecast.Features.X, "Videos.Video" also reaches another feature; "db.Videos.Where" does not.
    [GeneratedRegex(@"(?<![.\w])(?<feature>[A-Z][a-z]+)\.[A-Z]")]
    private static partial Regex PartlyQualified();
}
