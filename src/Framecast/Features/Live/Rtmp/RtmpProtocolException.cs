namespace Framecast.Features.Live.Rtmp;

/// <summary>The peer broke the RTMP protocol (or a limit of ours): its connection is closed, nothing else is affected.</summary>
public sealed class RtmpProtocolException(string message) : Exception(message);
