import { Link } from 'react-router';

export function NotFoundView() {
  return (
    <div className="card">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="muted mt-2">
        There is nothing here. <Link className="link" to="/">Go to the overview</Link>.
      </p>
    </div>
  );
}
