using System.Text.Json;
using System.Text.RegularExpressions;
using Framecast.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Framecast.Tests.Features.Operations;

/// <summary>
/// deploy/observability's Grafana dashboard and Prometheus alert rules, and README's table of our metrics, name only
/// metrics that <c>/metrics</c> serves after real traffic (<see cref="ObservedTraffic"/>): a renamed instrument breaks
/// this test, not a dashboard at 3 a.m.
/// </summary>
[Collection(ObservedTraffic.Collection)]
public sealed partial class ObservabilityFilesTests(ObservedTraffic traffic)
{
    private static readonly string Folder = Path.Combine(Repository.Root, "deploy", "observability");

    [Fact]
    public void Every_metric_in_the_dashboard_is_served()
    {
        var queries = DashboardQueries().ToList();
        queries.Should().HaveCountGreaterThan(20);
        var named = queries.SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);
        named.Should().BeSubsetOf(traffic.Scrape.Names);
        named.Select(Family).Should().Contain(OurMetrics(traffic.Scrape), "the dashboard shows each of our metrics");
    }

    [Fact]
    public void Every_metric_in_the_alert_rules_is_served()
    {
        var rules = AlertExpressions().ToList();
        rules.Select(r => r.Alert).Should().Contain(["FramecastServerErrors", "FramecastNotReady", "FramecastProcessingQueueHigh", "FramecastJobsDied", "FramecastNoProcessingProgress"]);
        foreach (var (alert, expr) in rules)
        {
            var names = MetricNames(expr).ToList();
            names.Should().NotBeEmpty($"{alert} reads a metric");
            names.Should().BeSubsetOf(traffic.Scrape.Names, $"{alert}: {expr}");
        }
    }

    [Fact]
    public void The_readme_documents_each_of_our_metrics_by_the_name_served()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var documented = OurName().Matches(readme).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        documented.Should().BeEquivalentTo(OurMetrics(traffic.Scrape).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void The_metric_name_reader_skips_functions_labels_ranges_and_grouping()
    {
        MetricNames("histogram_quantile(0.95, sum by (le, type) (rate(framecast_job_duration_seconds_bucket{outcome=\"ok\", instance=~\"$instance\"}[$__rate_interval]))) > 2")
            .Should().Equal("framecast_job_duration_seconds_bucket");
        MetricNames("max(a_b{x=\"y z\"}) and on() (sum(increase(c_d[30m] offset 1h)) or on() vector(0)) == 0 unless bool e").Should().Equal("a_b", "c_d", "e");
    }

    /// <summary>The metric names a PromQL expression reads: identifiers left once strings, label matchers, ranges and grouping clauses are gone, that are not functions or keywords.</summary>
    internal static IEnumerable<string> MetricNames(string promql)
    {
        var bare = Grouping().Replace(Ranges().Replace(Matchers().Replace(Strings().Replace(promql, ""), ""), ""), "");
        return Identifier().Matches(bare).Select(m => m.Value).Where(id => !Keywords.Contains(id)).Distinct();
    }

    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "Inf", "NaN", "inf", "nan"];

    private static IEnumerable<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "grafana-dashboard.json")));
        var found = new List<string>();
        Walk(dashboard.RootElement, found);
        return found;

        static void Walk(JsonElement element, List<string> found)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "expr" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        found.Add(property.Value.GetString()!);
                    }
                    else if (property.Name is "query" && property.Value.GetString() is { } q && LabelValues().Match(q) is { Success: true } lv)
                    {
                        // A template variable's label_values(metric, label): the metric must exist for the variable to list anything.
                        found.Add(lv.Groups["metric"].Value);
                    }
                    else
                    {
                        Walk(property.Value, found);
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, found);
                }
            }
        }
    }

    private static IEnumerable<(string Alert, string Expr)> AlertExpressions()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, "prometheus-alerts.yml")))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                yield return (((YamlScalarNode)rule["alert"]).Value!, ((YamlScalarNode)rule["expr"]).Value!);
            }
        }
    }

    /// <summary>Our metrics as families: a histogram's three sample names count once.</summary>
    private static IEnumerable<string> OurMetrics(PrometheusText scrape) =>
        scrape.Names.Where(n => n.StartsWith("framecast_", StringComparison.Ordinal)).Select(Family).Distinct();

    private static string Family(string name) => HistogramSuffix().Replace(name, "");

    [GeneratedRegex("\"([^\"\\\\]|\\\\.)*\"|'([^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex Matchers();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex Ranges();

    [GeneratedRegex("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex Grouping();

    // Not inside a number (0.95, 1h, 1e3) or a variable ($instance), and not a function call.
    [GeneratedRegex("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*(?!\\s*\\(|[\\w:])")]
    private static partial Regex Identifier();

    [GeneratedRegex("^label_values\\((?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,")]
    private static partial Regex LabelValues();

    [GeneratedRegex("framecast_[a-z0-9_]+")]
    private static partial Regex OurName();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
