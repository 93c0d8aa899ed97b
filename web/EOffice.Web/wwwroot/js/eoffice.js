// EOffice web app helpers: the live notification stream and the online/offline watch.
let source = null;

export function startStream(dotnet, url) {
    stopStream();
    // Same origin: the session cookie goes along; EventSource reconnects by itself with Last-Event-ID.
    source = new EventSource(url, { withCredentials: true });
    source.addEventListener('notification', e => dotnet.invokeMethodAsync('OnNotification', e.data));
}

export function stopStream() {
    if (source) {
        source.close();
        source = null;
    }
}

export function watchOnline(dotnet) {
    window.addEventListener('online', () => dotnet.invokeMethodAsync('OnOnlineChanged', true));
    window.addEventListener('offline', () => dotnet.invokeMethodAsync('OnOnlineChanged', false));
    return navigator.onLine;
}

// A file fetched by the app (with its anti-forgery header) as an object URL for a preview or a download.
export async function objectUrl(streamRef, contentType) {
    const buffer = await streamRef.arrayBuffer();
    return URL.createObjectURL(new Blob([buffer], { type: contentType }));
}

export function revoke(url) {
    URL.revokeObjectURL(url);
}

export function saveAs(url, fileName) {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
}
