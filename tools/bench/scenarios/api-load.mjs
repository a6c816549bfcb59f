export async function apiLoad() { return []; }
