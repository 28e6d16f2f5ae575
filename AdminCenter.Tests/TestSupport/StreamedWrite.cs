using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// One write of a stream sent to an app process that a test may kill at any moment (the crash test and the two-instance
/// end-to-end test link this one file). Only a 200 counts as acknowledged; a request the kill cut is counted, anything
/// else is recorded as unexpected for the test to show.
/// </summary>
internal static class StreamedWrite
{
    /// <summary>
    /// The 200 answer's body; null for a request a kill cut or an unexpected answer. <paramref name="killed"/> says whether
    /// the target was killed: a connection error is then a cut request, not a failure.
    /// </summary>
    public static async Task<JsonDocument?> SendAsync(HttpClient http, HttpRequestMessage request, string what,
        Func<bool> killed, Action requestCut, ConcurrentQueue<string> unexpected)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(killed);
        ArgumentNullException.ThrowIfNull(requestCut);
        ArgumentNullException.ThrowIfNull(unexpected);
        try
        {
            // Not cancelled when the test stops the stream: only the kill itself may end a write in flight.
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(body);
            }
            unexpected.Enqueue($"{what}: {(int)response.StatusCode} {body}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            if (killed())
            {
                requestCut();
            }
            else
            {
                unexpected.Enqueue($"{what}: {ex.GetType().Name} {ex.Message}");
            }
        }
        return null;
    }
}
