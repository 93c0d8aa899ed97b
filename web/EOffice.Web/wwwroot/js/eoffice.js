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
