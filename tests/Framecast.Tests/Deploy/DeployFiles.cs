using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Framecast.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Framecast.Tests.Deploy;

/// <summary>
/// The shipped deploy/ files, read the way their tools read them: YAML documents as JSON trees (scalars as text, compose's
/// merge keys resolved), and the facts of the Containerfile that the manifests must agree with.
/// </summary>
public static partial class DeployFiles
{
    public static string Dir { get; } = Path.Combine(Repository.Root, "deploy");

    public static string K8sDir { get; } = Path.Combine(Dir, "k8s");

    /// <summary>Every object of the files kustomization.yaml lists.</summary>
    public static IReadOnlyList<JsonObject> KubernetesObjects() =>
        [.. KustomizationResources().SelectMany(file => ReadYaml(Path.Combine(K8sDir, file)).OfType<JsonObject>())];

    public static IReadOnlyList<string> KustomizationResources() =>
        [.. Kustomization()["resources"]!.AsArray().Select(r => Text(r))];

    public static JsonObject Kustomization() => ReadYaml(Path.Combine(K8sDir, "kustomization.yaml")).Single()!.AsObject();

    public static JsonObject Compose() => ReadYaml(Path.Combine(Dir, "compose.yaml")).Single()!.AsObject();

    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> objects, string kind) =>
        objects.Where(o => Text(o["kind"]) == kind);

    public static JsonObject Named(this IEnumerable<JsonObject> objects, string kind, string name) =>
        objects.OfKind(kind).SingleOrDefault(o => Text(o["metadata"]?["name"]) == name)
            ?? throw new InvalidOperationException($"No {kind} named {name} in deploy/k8s.");

    /// <summary>A scalar's text ("" for none): YAML scalars stay text, as the tools compare them.</summary>
    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";

    public static IEnumerable<JsonObject> Objects(JsonNode? array) => array?.AsArray().OfType<JsonObject>() ?? [];

    public static List<JsonNode?> ReadYaml(string path)
    {
        var deserializer = new DeserializerBuilder().Build();
        // MergingParser resolves compose's `<<: *anchor` the way docker compose does.
        var parser = new MergingParser(new Parser(new StringReader(File.ReadAllText(path))));
        parser.Consume<StreamStart>();
        var documents = new List<JsonNode?>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(ToJson(deserializer.Deserialize<object?>(parser)));
        }
        return [.. documents.Where(d => d is not null)];
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(e => KeyValuePair.Create(e.Key.ToString()!, ToJson(e.Value)))),
        IList<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>The port the image's Framecast listens on (its <c>FRAMECAST__URLS</c>).</summary>
    public static int ContainerPort() => int.Parse(ContainerfileEnv("FRAMECAST__URLS").Split(':').Last());

    /// <summary>The image's data folder (<c>FRAMECAST__FRAMECAST__DATADIRECTORY</c>), the volume's mount point.</summary>
    public static string ContainerDataDirectory() => ContainerfileEnv("FRAMECAST__FRAMECAST__DATADIRECTORY");

    /// <summary>The numeric user the image runs as.</summary>
    public static int ContainerUser() => int.Parse(UserLine().Match(Containerfile()).Groups[1].Value);

    /// <summary>The path the image's HEALTHCHECK asks for.</summary>
    public static string ContainerHealthPath() => new Uri(HealthcheckUrl().Match(Containerfile()).Groups[1].Value).AbsolutePath;

    public static string Containerfile() => File.ReadAllText(Path.Combine(Dir, "Containerfile"));

    private static string ContainerfileEnv(string name) =>
        Regex.Match(Containerfile(), $@"\b{name}=(\S+)").Groups[1].Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"deploy/Containerfile sets no {name}.");

    /// <summary>The upstream blocks of an nginx configuration: name → its <c>server</c> addresses.</summary>
    public static Dictionary<string, string[]> NginxUpstreams(string conf) =>
        UpstreamBlock().Matches(conf).ToDictionary(m => m.Groups[1].Value,
            m => UpstreamServer().Matches(m.Groups[2].Value).Select(s => s.Groups[1].Value).ToArray());

    [GeneratedRegex(@"^USER (\d+)", RegexOptions.Multiline)]
    private static partial Regex UserLine();

    [GeneratedRegex(@"HEALTHCHECK[^\n]*\\\n\s*CMD curl [^\n]*?(http://\S+)")]
    private static partial Regex HealthcheckUrl();

    [GeneratedRegex(@"upstream\s+(\w+)\s*\{([^}]*)\}")]
    private static partial Regex UpstreamBlock();

    [GeneratedRegex(@"^\s*server\s+([^\s;]+)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();
}
