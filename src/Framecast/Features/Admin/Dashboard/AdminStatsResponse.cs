namespace Framecast.Features.Admin.Dashboard;

/// <summary>
/// The admin dashboard's numbers. Series run oldest first and line up with <see cref="Days"/> (UTC dates) or
/// <see cref="Hours"/> (UTC hour starts); days and hours without activity are zeros, so charts need no gap filling.
/// </summary>
public sealed record AdminStatsResponse(
    DateTime GeneratedAt,
    IReadOnlyList<string> Days,
    IReadOnlyList<long> UploadsPerDay,
    IReadOnlyList<long> ViewsPerDay,
    IReadOnlyList<long> DeadJobsPerDay,
    IReadOnlyList<DateTime> Hours,
    IReadOnlyList<long> ServerErrorsPerHour,
    LiveNowStats Live,
    JobQueueStats Jobs,
    StorageStats Storage,
    TotalStats Totals);

public sealed record LiveNowStats(long Broadcasts, long Viewers);

/// <summary><c>Failed</c>: queued again after an error, waiting for its retry (the admin jobs list's meaning).</summary>
public sealed record JobQueueStats(long Queued, long Running, long Failed, long Dead);

/// <summary>Bytes under <c>DATA/media</c> as of <c>MeasuredAt</c> (walked at most once a minute); free space on its disk.</summary>
public sealed record StorageStats(long MediaBytes, long? FreeBytes, DateTime MeasuredAt);

public sealed record TotalStats(long Users, long Videos);
