namespace Framecast.Infrastructure.Http;

/// <summary>The list envelope of API.md: <c>{ items, nextCursor }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
