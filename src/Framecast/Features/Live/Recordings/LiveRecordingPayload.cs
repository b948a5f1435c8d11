namespace Framecast.Features.Live.Recordings;

public sealed record LiveRecordingPayload(string SessionId);
