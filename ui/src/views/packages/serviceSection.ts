import type { Service, ServiceState } from '../../lib/bindings';

/** The props of a section of a service card that saves its part of the service's state. */
export type ServiceSectionProps = {
  packageId: string;
  service: Service;
  base: string;
  /** The service's state as last saved. */
  saved: ServiceState;
  onSaved: (state: ServiceState) => void;
};
